-- CreateIndex
CREATE UNIQUE INDEX "user_accounts_tenant_id_person_id_key" ON "user_accounts"("tenant_id", "person_id");
