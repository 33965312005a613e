ALTER TABLE "download_attempts" ADD COLUMN "partial_path" text;--> statement-breakpoint
ALTER TABLE "download_attempts" ADD COLUMN "work_dir" text;--> statement-breakpoint
ALTER TABLE "download_attempts" ADD COLUMN "worker" text;