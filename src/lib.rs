//! `lotaip`: from an institution's planned goals and actual results to the
//! documents Ecuadorian law makes it publish.
//!
//! The modules follow the pipeline: [`input`] reads and validates the
//! spreadsheets into a [`model::Dataset`]; [`compute`] applies the rules of
//! SPEC section 2; [`render`] writes each output format from the computed
//! report; [`publish`] puts the files in place.

pub mod compute;
pub mod config;
pub mod contain;
pub mod error;
mod fonts;
pub mod format;
pub mod fs;
pub mod input;
pub mod memory;
pub mod model;
pub mod output;
pub mod publicacion;
pub mod publish;
pub mod render;
pub mod starter;
pub mod text;
