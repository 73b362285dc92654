"""Fresk missions from Python: mint a token, create a mission as staff, list the coordinator's missions,
plan one session, register a participant through its signup code, and read an error's stable reason.
Standard library only (Python 3.8+).
    FRESK_API_URL=https://missions.example.org FRESK_AUTH_SECRET=... python3 client.py
"""
import base64
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

API = os.environ.get("FRESK_API_URL", "http://localhost:8787").rstrip("/")
SECRET = os.environ["FRESK_AUTH_SECRET"]


class FreskError(Exception):
    """A failed call: `reason` is the stable `error.data.reason` (API.md), to translate for people."""

    def __init__(self, status, data):
        self.status, self.data, self.reason = status, data, data.get("reason")
        super().__init__(f"HTTP {status} {self.reason}")


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def fresk_token(sub, email, name, role="facilitator", of=None, ttl=3600) -> str:
    """An HS256 JWT; `exp` is required and at most 24 hours ahead."""
    claims = {"sub": sub, "email": email, "name": name, "role": role, "exp": int(time.time()) + ttl}
    if of is not None:
        claims["of"] = bool(of)
    head = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64url(json.dumps(claims).encode())
    sig = hmac.new(SECRET.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64url(sig)}"


def call(procedure, payload=None, token=None, mutation=False):
    """Queries as GET with ?input=, mutations as POST with a JSON body; returns result.data."""
    data = json.dumps({} if payload is None else payload).encode()
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    url = f"{API}/trpc/{procedure}"
    if mutation:
        headers["Content-Type"] = "application/json"
        req = urllib.request.Request(url, data=data, headers=headers, method="POST")
    else:
        req = urllib.request.Request(f"{url}?input={urllib.parse.quote(data)}", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=20) as res:
            return json.load(res)["result"]["data"]
    except urllib.error.HTTPError as e:
        answer = json.loads(e.read() or b"{}")
        raise FreskError(e.code, answer.get("error", {}).get("data", {})) from None


# The portal's own user ids, as in the PHP example: a record bound to one `sub` is never taken by another
# (that answers `identity_conflict`).
staff = fresk_token("1", "staff@association.example", "Équipe association", role="admin")
coordinator = fresk_token("42", "camille@association.example", "Camille Martin", of=True)

# 1. Staff create a mission; its coordinator is emailed a link.
mission = call("admin.createMission", {
    "title": "Fresques du Climat — Lycée Jean Moulin",
    "organization": {"name": "Lycée Jean Moulin", "sector": "enseignement"},
    "coordinator": {"email": "camille@association.example", "name": "Camille Martin"},
    "order": [{"kind": "atelier", "quantity": 6}],
}, staff, mutation=True)
print("mission created:", mission["missionId"])

# 2. The coordinator's missions.
print("missions I coordinate:", len(call("missions.list", {}, coordinator)))

# 3. One session, in a month, on site.
start = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=30)
session = call("sessions.create", {
    "missionId": mission["missionId"],
    "kind": "atelier",
    "startsAt": start.isoformat(),
    "endsAt": (start + timedelta(hours=3)).isoformat(),
    "location": {"mode": "onsite", "address": "12 rue des Écoles, Lyon"},
    "capacity": 30,
    "extraFacilitators": 0,
}, coordinator, mutation=True)
code = urllib.parse.urlparse(session["participantSignupUrl"]).path.rsplit("/", 1)[-1]
print("signup code:", code)

# 4. A participant registers through the public signup code (no token).
registration = call("participants.register", {
    "code": code, "name": "Léa Martin", "email": "lea.martin@lycee.example", "consent": True,
}, mutation=True)
print(f"participant registered: {registration['registrationId']} ({registration['status']})")

# 5. Errors carry a stable reason.
try:
    call("missions.get", {"missionId": "no-such-mission"}, coordinator)
except FreskError as e:
    print(f"error reason: {e.reason} (HTTP {e.status})")
