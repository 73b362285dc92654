CREATE TABLE `erased_identities` (
	`hash` text PRIMARY KEY NOT NULL,
	`erased_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `facilitators` ADD `tokens_not_before` integer;--> statement-breakpoint
ALTER TABLE `facilitators` ADD `erased_at` integer;