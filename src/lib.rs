//! netflow-manager: links billing services to NetFlow Analyzer logins.
pub mod template;
