"""Operations: backup and restore, orphan files, and the "service unavailable" page."""
