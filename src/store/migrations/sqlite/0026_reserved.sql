-- 0026 reserved: another branch uses this number at the same time (drop at merge).
SELECT 1;
