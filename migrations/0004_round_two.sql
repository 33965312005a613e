CREATE TABLE "service_processes" (
	"id" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"settings" jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "ranking_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "original_language" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "release_status" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "premiere_date" date;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "digital_release_date" date;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "physical_release_date" date;