ALTER TABLE "media" ADD COLUMN "poster_remote_url" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "poster_path" text;