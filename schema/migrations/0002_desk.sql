ALTER TABLE `missions` ADD `invoiced_at` integer;--> statement-breakpoint
ALTER TABLE `missions` ADD `invoice_reference` text;--> statement-breakpoint
CREATE INDEX `missions_created_idx` ON `missions` (`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `coordination_retributions` ADD `processed_at` integer;--> statement-breakpoint
ALTER TABLE `retribution_requests` ADD `processed_at` integer;