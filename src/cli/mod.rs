//! The parts of the `stacknet` command, each in its own file: reading the arguments, the tasks,
//! the sizes and number types, training, the outputs, saved models, pictures, one epoch's trace and experiments.

pub mod arguments;
pub mod dtype;
pub mod experiment;
pub mod model;
pub mod output;
pub mod plot;
pub mod run;
pub mod shortest;
pub mod sizes;
pub mod task;
pub mod trace;
pub mod trained;
pub mod training;
pub mod usage;
