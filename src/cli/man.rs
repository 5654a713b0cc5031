//! `phraselint man`: the manual pages, made by clap_mangen from the same
//! definitions as `--help`: phraselint(1) on standard output, or with `--dir`
//! a page per command (phraselint-check(1), phraselint-phrasebook-test(1)…),
//! each written whole.

use std::io;

use clap::CommandFactory;
use phraselint::error::FileError;
use phraselint::paths::write_whole;

use super::args::{Cli, ManArgs};
use super::output::{fail, shown};
use super::{EXIT_CLEAN, Io};

pub fn run(args: ManArgs, io: &mut Io) -> io::Result<u8> {
    let pages = pages()?;
    let Some(dir) = args.dir else {
        io.out.write_all(&pages[0].1)?;
        return Ok(EXIT_CLEAN);
    };
    let error =
        |path: &std::path::Path, e: &io::Error| FileError::io(path.display().to_string(), e);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        let e = match e.kind() {
            // A file in the folder's place: io's own words name no folder.
            io::ErrorKind::AlreadyExists => {
                FileError::new(dir.display().to_string(), "not a folder")
            }
            _ => error(&dir, &e),
        };
        return fail(&[e], io);
    }
    for (name, roff) in pages {
        let path = dir.join(name);
        if let Err(e) = write_whole(&path, &roff) {
            return fail(&[error(&path, &e)], io);
        }
        writeln!(io.out, "wrote {}", shown(&path.display().to_string()))?;
    }
    Ok(EXIT_CLEAN)
}

/// Each page's file name and roff: phraselint(1) first, then one per
/// command, a nested one named with its parents.
fn pages() -> io::Result<Vec<(String, Vec<u8>)>> {
    // `help` is a subcommand clap adds, and its page would say nothing.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    add_pages(cmd, &mut pages)?;
    Ok(pages)
}

fn add_pages(cmd: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> io::Result<()> {
    let subs: Vec<clap::Command> = cmd.get_subcommands().cloned().collect();
    let man = clap_mangen::Man::new(cmd)
        .source(concat!("phraselint ", env!("CARGO_PKG_VERSION")))
        .manual("phraselint manual");
    let mut roff = Vec::new();
    man.render(&mut roff)?;
    pages.push((man.get_filename(), roff));
    for sub in subs {
        add_pages(sub, pages)?;
    }
    Ok(())
}
