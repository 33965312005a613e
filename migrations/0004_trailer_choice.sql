ALTER TABLE "connections" ADD COLUMN "ranking_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "original_language" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "release_status" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "premiere_date" date;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "digital_release_date" date;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "physical_release_date" date;