ALTER TABLE "media" ADD COLUMN "trailer_monitored" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "excluded_reason" text;