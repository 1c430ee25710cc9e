-- 0012 is reserved for the notify branch (notifications and following). This placeholder
-- keeps the numbering without gaps on the mail branch, which takes 0013; when the two are
-- merged the notify branch's 0012 replaces this file (delete it in both sqlite/ and pg/).
SELECT 1;
