import { Migration } from '@mikro-orm/migrations';

/** Issue 12 (R-E1): access end dates, the date each warning mail went out for, and the end date an invitation hands on. */
export class Migration20261129191000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ['workspace_members', 'collaborators', 'shares']) {
      this.addSql(`alter table "${table}" add column "expires_at" timestamptz null, add column "expiry_warned_for" timestamptz null;`);
    }
    this.addSql(`alter table "invitations" add column "access_expires_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    for (const table of ['workspace_members', 'collaborators', 'shares']) {
      this.addSql(`alter table "${table}" drop column "expires_at", drop column "expiry_warned_for";`);
    }
    this.addSql(`alter table "invitations" drop column "access_expires_at";`);
  }
}
