CREATE TABLE `survey_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`token_id` text NOT NULL,
	`registration_id` text,
	`overall` integer NOT NULL,
	`content` integer NOT NULL,
	`facilitation` integer NOT NULL,
	`recommend` integer NOT NULL,
	`takeaway` text,
	`comment` text,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_answers_token_uq` ON `survey_answers` (`token_id`);--> statement-breakpoint
CREATE INDEX `survey_answers_session_idx` ON `survey_answers` (`session_id`);--> statement-breakpoint
CREATE INDEX `survey_answers_registration_idx` ON `survey_answers` (`registration_id`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `check_in_link_id` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `attendance_reminded_at` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `source` text DEFAULT 'registered' NOT NULL;--> statement-breakpoint
ALTER TABLE `registrations` ADD `attendance` text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE `registrations` ADD `checked_in_at` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `checked_in_by` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `follow_up_sent_at` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `follow_up_token_id` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `survey_reminded_at` integer;