CREATE TABLE "trailer_previews" (
	"media_id" bigint PRIMARY KEY NOT NULL,
	"video_id" text NOT NULL,
	"url" text NOT NULL,
	"title" text,
	"channel" text,
	"source" text NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"previewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "preview_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "poster_remote_url" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "poster_path" text;--> statement-breakpoint
ALTER TABLE "trailer_previews" ADD CONSTRAINT "trailer_previews_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;