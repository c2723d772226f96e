//! `lotaip`: from an institution's planned goals and actual results to the
//! documents Ecuadorian law makes it publish.
//!
//! The modules follow the pipeline: [`input`] reads and validates the
//! spreadsheets into a [`model::Dataset`]; [`compute`] applies the rules of
//! SPEC section 2; [`render`] writes each output format from the computed
//! report; [`publish`] puts the files in place. [`publicacion`] runs them in
//! that order for a month, a year or a check. The PDF layout engine is the
//! workspace's `xhtml-pdf` crate.
#![warn(unreachable_pub)]

pub mod compute;
pub mod config;
pub mod contain;
pub mod error;
pub mod firma;
pub(crate) mod fonts;
pub mod format;
pub(crate) mod fs;
pub mod input;
pub mod memory;
pub mod model;
pub(crate) mod output;
pub mod publicacion;
pub mod publish;
pub mod render;
pub mod starter;
pub(crate) mod text;
