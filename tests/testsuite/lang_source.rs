//! Messages in both languages (--lang ja / --lang en): see src/i18n.rs.

#[allow(unused_imports)]
use crate::support::*;
