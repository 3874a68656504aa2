//! The `access` table: one record per billing service.
