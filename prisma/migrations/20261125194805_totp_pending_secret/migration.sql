-- AlterTable
ALTER TABLE "users" ADD COLUMN     "totp_pending_secret_enc" BYTEA;
