//! The picture of society: a copy of the agents' state in flat buffers that
//! the page reads through typed-array views over wasm memory, once a frame,
//! with no call and no object per agent.

use crate::model::Model;

/// `f32`s per project in [`Society::projects`]: knowledge, infrastructure
/// health, parent index (-1 for none), contributors this month, alive (0 or 1).
pub const PROJECT_STRIDE: usize = 5;

/// Buffers reused from frame to frame (they grow, never shrink).
#[derive(Default)]
pub struct Society {
    /// Each citizen's state bits (`model::citizens::flags`).
    flags: Vec<u8>,
    /// Each project's record, [`PROJECT_STRIDE`] numbers each.
    projects: Vec<f32>,
}

impl Society {
    /// Copies a model's citizens and projects into the buffers.
    pub fn copy_from(&mut self, model: &Model) {
        self.flags.clear();
        self.flags.extend_from_slice(model.citizen_flags());
        self.projects.clear();
        let records = model
            .project_knowledge()
            .zip(model.project_health())
            .zip(model.project_parents())
            .zip(model.project_contributors())
            .zip(model.project_alive());
        for ((((knowledge, &health), &parent), &contributors), &alive) in records {
            let parent = parent.map_or(-1.0, |p| p.index() as f32);
            let alive = if alive { 1.0 } else { 0.0 };
            self.projects.extend([knowledge as f32, health as f32, parent, contributors as f32, alive]);
        }
    }

    pub fn citizens(&self) -> usize {
        self.flags.len()
    }

    pub fn projects(&self) -> usize {
        self.projects.len() / PROJECT_STRIDE
    }

    pub fn flags_ptr(&self) -> *const u8 {
        self.flags.as_ptr()
    }

    pub fn projects_ptr(&self) -> *const f32 {
        self.projects.as_ptr()
    }
}
