CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sector` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `organizations_name_idx` ON `organizations` (`name`,`sector`);--> statement-breakpoint
CREATE TABLE `facilitators` (
	`id` text PRIMARY KEY NOT NULL,
	`portal_id` text,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`of_compliant` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facilitators_email_uq` ON `facilitators` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `facilitators_portal_id_uq` ON `facilitators` (`portal_id`);--> statement-breakpoint
CREATE TABLE `missions` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`coordinator_id` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coordinator_id`) REFERENCES `facilitators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `missions_coordinator_idx` ON `missions` (`coordinator_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `missions_status_idx` ON `missions` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`mission_id` text NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`mission_id`, `kind`),
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`mission_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`starts_at_iso` text NOT NULL,
	`ends_at_iso` text NOT NULL,
	`timezone` text DEFAULT 'Europe/Paris' NOT NULL,
	`location_mode` text NOT NULL,
	`address` text,
	`url` text,
	`capacity` integer NOT NULL,
	`extra_facilitators` integer NOT NULL,
	`coordinator_facilitates` integer NOT NULL,
	`language` text DEFAULT 'fr' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`facilitator_link_id` text NOT NULL,
	`signup_link_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_mission_idx` ON `sessions` (`mission_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `session_facilitators` (
	`session_id` text NOT NULL,
	`facilitator_id` text NOT NULL,
	`status` text DEFAULT 'remunere' NOT NULL,
	`registered_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `facilitator_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facilitator_id`) REFERENCES `facilitators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_facilitators_facilitator_idx` ON `session_facilitators` (`facilitator_id`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`consent_at` integer NOT NULL,
	`registered_at` integer NOT NULL,
	`cancel_token_id` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_session_email_uq` ON `registrations` (`session_id`,`email`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`purpose` text NOT NULL,
	`session_id` text,
	`email` text,
	`subject_id` text,
	`expires_at` integer,
	`used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_hash_uq` ON `tokens` (`hash`);--> statement-breakpoint
CREATE INDEX `tokens_session_idx` ON `tokens` (`session_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `coordination_retributions` (
	`mission_id` text PRIMARY KEY NOT NULL,
	`facilitator_id` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facilitator_id`) REFERENCES `facilitators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `retribution_lines` (
	`request_id` text NOT NULL,
	`session_id` text NOT NULL,
	`facilitator_id` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `retribution_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facilitator_id`) REFERENCES `facilitators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `retribution_lines_session_facilitator_uq` ON `retribution_lines` (`session_id`,`facilitator_id`);--> statement-breakpoint
CREATE INDEX `retribution_lines_request_idx` ON `retribution_lines` (`request_id`);--> statement-breakpoint
CREATE TABLE `retribution_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`mission_id` text NOT NULL,
	`period` text NOT NULL,
	`requested_at` integer NOT NULL,
	`requested_by` text NOT NULL,
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `retribution_requests_mission_period_uq` ON `retribution_requests` (`mission_id`,`period`);--> statement-breakpoint
CREATE INDEX `retribution_requests_time_idx` ON `retribution_requests` (`requested_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`template` text NOT NULL,
	`to` text NOT NULL,
	`lang` text NOT NULL,
	`data` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`provider_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_created_idx` ON `outbox` (`created_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`mission_id` text,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_mission_idx` ON `audit_log` (`mission_id`,`at`);