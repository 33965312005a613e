CREATE TABLE "job_progress" (
	"media_id" bigint PRIMARY KEY NOT NULL,
	"stage" text NOT NULL,
	"percent" real,
	"detail" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "root_folders" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "job_progress" ADD CONSTRAINT "job_progress_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;