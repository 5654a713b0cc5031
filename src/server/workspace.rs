//! Which config and phrasebooks govern a document: the nearest
//! `.phraselint.yaml` above its file (not the server's working directory),
//! else the built-in books; one linter per config, built when first needed
//! and dropped when a config or a book changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::error::FileError;
use crate::lint::{LintOptions, Linter};

/// A config and the linter it sets up (or why it could not).
pub struct Setup {
    pub config: Config,
    pub linter: Result<Linter, Vec<FileError>>,
}

#[derive(Default)]
pub struct Workspace {
    /// The client can register file watchers at run time.
    pub watch_dynamically: bool,
    /// By config file; `None` for documents under no config.
    setups: HashMap<Option<PathBuf>, Arc<Setup>>,
}

impl Workspace {
    /// Forgets every linter: a config or a book changed.
    pub fn forget(&mut self) {
        self.setups.clear();
    }

    /// The setup for a document at `path` (`None`: not a file, such as an
    /// untitled buffer).
    pub fn setup(&mut self, path: Option<&Path>) -> Arc<Setup> {
        let dir = path.and_then(Path::parent);
        let config_path = dir.and_then(|d| Config::discover(d).map(|found| d.join(found)));
        if let Some(setup) = self.setups.get(&config_path) {
            return Arc::clone(setup);
        }
        let setup = Arc::new(match &config_path {
            None => Setup {
                config: Config::default_in(PathBuf::from("/")),
                linter: Ok(Linter::built_in()),
            },
            Some(file) => {
                let folder = file.parent().unwrap_or(Path::new("/"));
                match Config::load(file, folder) {
                    Ok(config) => {
                        let linter = configured(&config);
                        Setup { config, linter }
                    }
                    Err(e) => Setup {
                        config: Config::default_in(folder.to_path_buf()),
                        linter: Err(vec![e]),
                    },
                }
            }
        });
        self.setups.insert(config_path, Arc::clone(&setup));
        setup
    }
}

/// The linter a config sets up, as `check` would in the config's folder.
pub fn configured(config: &Config) -> Result<Linter, Vec<FileError>> {
    Linter::configured(config, &[], &config.root, LintOptions::from_config(config))
}

/// Whether a change to this file can change what documents are linted with:
/// a config or a phrasebook (YAML).
pub fn is_setting(uri: &str) -> bool {
    let path = uri.split(['?', '#']).next().unwrap_or(uri);
    path.ends_with(".yaml") || path.ends_with(".yml")
}
