CREATE TABLE "media_slots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"media_id" bigint NOT NULL,
	"profile_id" integer NOT NULL,
	"season" integer,
	"status" text DEFAULT 'missing' NOT NULL,
	"status_reason" text,
	"external_path" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_slots_slot" UNIQUE NULLS NOT DISTINCT("media_id","profile_id","season")
);
--> statement-breakpoint
DROP INDEX "trailer_candidates_media_video";--> statement-breakpoint
DROP INDEX "trailers_one_present_per_media";--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "seasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "tags" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "download_attempts" ADD COLUMN "profile_id" integer;--> statement-breakpoint
ALTER TABLE "download_attempts" ADD COLUMN "season" integer;--> statement-breakpoint
ALTER TABLE "trailer_candidates" ADD COLUMN "profile_id" integer;--> statement-breakpoint
ALTER TABLE "trailer_candidates" ADD COLUMN "season" integer;--> statement-breakpoint
ALTER TABLE "trailer_profiles" ADD COLUMN "kind" text DEFAULT 'trailer' NOT NULL;--> statement-breakpoint
ALTER TABLE "trailer_profiles" ADD COLUMN "scope" text DEFAULT 'item' NOT NULL;--> statement-breakpoint
ALTER TABLE "trailer_profiles" ADD COLUMN "language_rule" text DEFAULT 'settings' NOT NULL;--> statement-breakpoint
ALTER TABLE "trailer_profiles" ADD COLUMN "subtitles" jsonb;--> statement-breakpoint
ALTER TABLE "trailer_profiles" ADD COLUMN "applies_to" jsonb DEFAULT '{"mediaKinds":[],"connectionIds":[],"tags":[]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "trailer_profiles" ADD COLUMN "enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "trailers" ADD COLUMN "season" integer;--> statement-breakpoint
ALTER TABLE "media_slots" ADD CONSTRAINT "media_slots_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_slots" ADD CONSTRAINT "media_slots_profile_id_trailer_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."trailer_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_slots_profile_status" ON "media_slots" USING btree ("profile_id","status");--> statement-breakpoint
ALTER TABLE "download_attempts" ADD CONSTRAINT "download_attempts_profile_id_trailer_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."trailer_profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trailer_candidates" ADD CONSTRAINT "trailer_candidates_profile_id_trailer_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."trailer_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trailers_one_present_per_slot" ON "trailers" USING btree ("media_id",coalesce("profile_id", 0),coalesce("season", -1)) WHERE "trailers"."state" = 'present';--> statement-breakpoint
ALTER TABLE "trailer_candidates" ADD CONSTRAINT "trailer_candidates_slot_video" UNIQUE NULLS NOT DISTINCT("media_id","profile_id","season","video_id");--> statement-breakpoint
-- Existing installs keep today's behaviour: the one profile that was in use (the `defaultProfileId`
-- setting, else the row marked default, else the first) is the enabled default trailer profile;
-- any other profile was never used for anything and starts disabled.
UPDATE "trailer_profiles" SET "enabled" = ("id" = coalesce(
  (SELECT p."id" FROM "trailer_profiles" p JOIN "settings" s ON s."key" = 'defaultProfileId'
     AND jsonb_typeof(s."value") = 'number' AND p."id" = (s."value")::text::int),
  (SELECT p."id" FROM "trailer_profiles" p ORDER BY p."is_default" DESC, p."id" LIMIT 1)));--> statement-breakpoint
UPDATE "trailer_profiles" SET "is_default" = "enabled";--> statement-breakpoint
-- Files, candidates and attempts made before slots belong to the item's main trailer slot.
UPDATE "trailers" SET "profile_id" = (SELECT "id" FROM "trailer_profiles" WHERE "is_default" ORDER BY "id" LIMIT 1) WHERE "profile_id" IS NULL;--> statement-breakpoint
UPDATE "trailer_candidates" SET "profile_id" = (SELECT "id" FROM "trailer_profiles" WHERE "is_default" ORDER BY "id" LIMIT 1) WHERE "profile_id" IS NULL;--> statement-breakpoint
UPDATE "download_attempts" SET "profile_id" = (SELECT "id" FROM "trailer_profiles" WHERE "is_default" ORDER BY "id" LIMIT 1) WHERE "profile_id" IS NULL;
