//! Reading and validating the input folder.

pub mod number;
