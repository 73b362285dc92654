CREATE TABLE `waitlist_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`consent_at` integer NOT NULL,
	`joined_at` integer NOT NULL,
	`cancel_token_id` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_session_email_uq` ON `waitlist_entries` (`session_id`,`email`);--> statement-breakpoint
CREATE INDEX `waitlist_session_order_idx` ON `waitlist_entries` (`session_id`,`joined_at`);--> statement-breakpoint
ALTER TABLE `facilitators` ADD `of_set_by_staff_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `session_facilitators` ADD `reminded_at` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `reminded_at` integer;