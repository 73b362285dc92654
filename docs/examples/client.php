<?php
// Fresk missions from a PHP portal: mint the user's token, create a mission as staff, list the
// coordinator's missions, plan one session, register a participant through its signup code, and read
// an error's stable reason. Plain PHP 8 (json, hash; no extension, no library).
//   FRESK_API_URL=https://missions.example.org FRESK_AUTH_SECRET=… php client.php
declare(strict_types=1);

$api = rtrim(getenv('FRESK_API_URL') ?: 'http://localhost:8787', '/');
$secret = getenv('FRESK_AUTH_SECRET') ?: exit("FRESK_AUTH_SECRET is required\n");

/** A failed call: `reason` is the stable `error.data.reason` (API.md), to translate for people. */
final class FreskError extends RuntimeException
{
    public function __construct(public readonly int $status, public readonly ?string $reason, public readonly array $data)
    {
        parent::__construct("HTTP $status " . ($reason ?? 'no reason'));
    }
}

function b64url(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}

/** An HS256 JWT for the portal's logged-in user, from the row the portal already has. */
function fresk_token(array $user, string $secret): string
{
    $claims = [
        'sub' => (int) $user['id'],             // the portal's integer user id
        'email' => $user['email'],
        'name' => $user['display_name'],
        'role' => $user['is_staff'] ? 'admin' : 'facilitator',
        'of' => (bool) (int) $user['of_ok'],     // a TINYINT "1"/"0" from the database, sent as a JSON boolean
        'exp' => time() + 3600,                  // required; at most 24 hours ahead
    ];
    $head = b64url(json_encode(['alg' => 'HS256', 'typ' => 'JWT']));
    $body = b64url(json_encode($claims, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
    return "$head.$body." . b64url(hash_hmac('sha256', "$head.$body", $secret, true));
}

/** Calls a procedure: queries as GET with ?input=, mutations as POST with a JSON body. */
function fresk_call(string $api, string $procedure, array|object $input, ?string $token = null, bool $mutation = false): mixed
{
    $json = json_encode($input, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
    $headers = ['Accept: application/json'];
    if ($token !== null) $headers[] = "Authorization: Bearer $token";
    $http = ['method' => 'GET', 'ignore_errors' => true, 'timeout' => 20];
    $url = "$api/trpc/$procedure";
    if ($mutation) {
        $http['method'] = 'POST';
        $headers[] = 'Content-Type: application/json';
        $http['content'] = $json;
    } else {
        $url .= '?input=' . rawurlencode($json);
    }
    $http['header'] = implode("\r\n", $headers);
    $raw = file_get_contents($url, false, stream_context_create(['http' => $http]));
    $status = (int) explode(' ', $http_response_header[0] ?? 'HTTP/1.1 0')[1];
    $answer = json_decode($raw === false ? 'null' : $raw, true);
    if ($status === 200 && isset($answer['result'])) return $answer['result']['data'];
    $data = $answer['error']['data'] ?? [];
    throw new FreskError($status, $data['reason'] ?? null, $data);
}

// Two rows of the portal's users table, as PDO returns them (strings).
$staff = ['id' => '1', 'email' => 'staff@association.example', 'display_name' => 'Équipe association', 'is_staff' => '1', 'of_ok' => '0'];
$coordinator = ['id' => '42', 'email' => 'camille@association.example', 'display_name' => 'Camille Martin', 'is_staff' => '0', 'of_ok' => '1'];

// 1. Staff create a mission from a won opportunity; its coordinator is emailed a link.
$mission = fresk_call($api, 'admin.createMission', [
    'title' => 'Fresques du Climat — Acme',
    'organization' => ['name' => 'Acme', 'sector' => 'entreprise'],
    'coordinator' => ['email' => $coordinator['email'], 'name' => $coordinator['display_name']],
    'order' => [['kind' => 'atelier', 'quantity' => 4]],
], fresk_token($staff, $secret), mutation: true);
echo "mission created: {$mission['missionId']}\n";

// 2. The coordinator's missions (an empty input is the JSON object {}).
$token = fresk_token($coordinator, $secret);
$missions = fresk_call($api, 'missions.list', new stdClass(), $token);
echo 'missions I coordinate: ' . count($missions) . "\n";

// 3. One session, in a month, online.
$start = time() + 30 * 86400;
$session = fresk_call($api, 'sessions.create', [
    'missionId' => $mission['missionId'],
    'kind' => 'atelier',
    'startsAt' => date('c', $start),
    'endsAt' => date('c', $start + 3 * 3600),
    'location' => ['mode' => 'online', 'url' => 'https://meet.example.org/fresk-acme'],
    'capacity' => 12,
    'extraFacilitators' => 1,
], $token, mutation: true);
$code = basename(parse_url($session['participantSignupUrl'], PHP_URL_PATH));
echo "signup code: $code\n";

// 4. A participant registers through the public signup code (no token).
$registration = fresk_call($api, 'participants.register', [
    'code' => $code, 'name' => 'Alex Dupont', 'email' => 'alex.dupont@acme.example', 'consent' => true,
], mutation: true);
echo "participant registered: {$registration['registrationId']} ({$registration['status']})\n";

// 5. Errors carry a stable reason.
try {
    fresk_call($api, 'participants.register', [
        'code' => 'no-such-code', 'name' => 'Alex Dupont', 'email' => 'alex.dupont@acme.example', 'consent' => true,
    ], mutation: true);
} catch (FreskError $e) {
    echo "error reason: {$e->reason} (HTTP {$e->status})\n";
}
