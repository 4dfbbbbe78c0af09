//! Writing a file whole or not at all: how `--save` and `--svg` write, so that a failure or a
//! power cut never leaves a half-written file, and the file that was there is kept until the
//! new one is complete.
//!
//! ```text
//! $ stacknet --seed 1 --save xor.model      (xor.model is replaced only once the new one is on disk)
//! ```

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` in one step: to a new temporary file beside it, flushed to disk,
/// then renamed over `path`, and the directory flushed so that the rename itself survives a
/// power cut. If anything before the rename fails, `path` keeps what it had and the temporary
/// file is removed.
///
/// The temporary file must be new: if anything is already at its name, a file or a link that
/// someone planted there, the write fails and leaves it alone, instead of following the link
/// and writing through it.
///
/// A link at `path` is followed: the file it points to is replaced, and the link stays. The
/// file replaced keeps its permissions. Anything at `path` that is not a file, a device such
/// as `/dev/full` say, is refused and left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let followed;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|found| found.is_symlink()) {
        followed = std::fs::canonicalize(path)?;
        followed.as_path()
    } else {
        path
    };
    let replaced = std::fs::metadata(path).ok();
    if replaced
        .as_ref()
        .is_some_and(|found| !found.is_file() && !found.is_dir())
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file (a device, a pipe or a socket), which stacknet does not replace",
        ));
    }
    let temporary = temporary_path(path)?;
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)?;
    let permissions = replaced
        .filter(std::fs::Metadata::is_file)
        .map(|found| found.permissions());
    let written = file
        .write_all(bytes)
        .and_then(|()| permissions.map_or(Ok(()), |kept| file.set_permissions(kept)))
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&temporary, path));
    if let Err(error) = written {
        // Only what this call created: the name was free before it.
        let _ = std::fs::remove_file(&temporary);
        return Err(error);
    }
    sync_directory(path)
}

/// `.NAME.PID.tmp` beside `path`: hidden, and one per process; `.stacknet.PID.tmp` when `NAME`
/// is so long that the other would pass the [`LONGEST_NAME`] a file system allows.
fn temporary_path(path: &Path) -> io::Result<PathBuf> {
    let Some(file_name) = path.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file name",
        ));
    };
    let suffix = format!(".{}.tmp", std::process::id());
    let mut temporary_name = OsString::from(".");
    if 1 + file_name.len() + suffix.len() <= LONGEST_NAME {
        temporary_name.push(file_name);
    } else {
        temporary_name.push("stacknet");
    }
    temporary_name.push(suffix);
    Ok(path.with_file_name(temporary_name))
}

/// The longest file name, in bytes, that Linux's file systems and macOS's take.
const LONGEST_NAME: usize = 255;

/// Flushes the directory that holds `path`, which makes a rename in it durable.
fn sync_directory(path: &Path) -> io::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    File::open(directory)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of its own for each test, emptied first and removed when the test ends.
    struct Folder(PathBuf);

    impl std::ops::Deref for Folder {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn folder(name: &str) -> Folder {
        let folder =
            std::env::temp_dir().join(format!("stacknet-save-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        Folder(folder)
    }

    /// The names in `folder`, sorted.
    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_nothing_else() {
        let folder = folder("replace");
        let path = folder.join("model.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(&folder), ["model.txt"]);
    }

    /// A rename that fails (the name is a folder) keeps the folder and removes the temporary
    /// file that was written.
    #[test]
    fn a_failed_rename_keeps_what_was_there_and_cleans_up() {
        let folder = folder("rename");
        let path = folder.join("taken");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), "kept").unwrap();
        assert!(write_atomically(&path, b"new").is_err());
        assert_eq!(names(&folder), ["taken"]);
        assert_eq!(
            std::fs::read_to_string(path.join("inside")).unwrap(),
            "kept"
        );
    }

    /// A link planted at the temporary file's name is refused, and what it points to is left
    /// as it was; so is the link.
    #[test]
    fn a_planted_link_is_not_followed() {
        let folder = folder("link");
        let path = folder.join("model.txt");
        let victim = folder.join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let planted = temporary_path(&path).unwrap();
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let error = write_atomically(&path, b"new").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(std::fs::symlink_metadata(&planted).unwrap().is_symlink());
        assert!(!path.exists());
    }

    /// A link at the path is followed: its target is replaced, and stays a link's target.
    #[test]
    fn a_link_at_the_path_keeps_pointing_at_the_new_file() {
        let folder = folder("follow");
        let (target, link) = (folder.join("target.model"), folder.join("link.model"));
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(names(&folder), ["link.model", "target.model"]);
    }

    /// The file replaced keeps its permissions, a read-only one included.
    #[test]
    fn the_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let folder = folder("mode");
        let path = folder.join("model.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        write_atomically(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(
            (
                mode & 0o777,
                std::fs::read_to_string(&path).unwrap().as_str()
            ),
            (0o444, "new")
        );
    }

    /// What is not a file, here a socket (`/dev/full` would do, but a test that broke it would
    /// break the machine), is not replaced by one.
    #[test]
    fn what_is_not_a_file_is_refused() {
        use std::os::unix::fs::FileTypeExt as _;
        let folder = folder("socket");
        let path = folder.join("socket");
        let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let error = write_atomically(&path, b"new").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(std::fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_socket());
        assert_eq!(names(&folder), ["socket"]);
    }

    /// A name as long as a file system takes still gets a temporary file beside it.
    #[test]
    fn the_longest_name_can_be_written() {
        let folder = folder("long");
        let path = folder.join("x".repeat(LONGEST_NAME));
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(&folder).len(), 1);
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        assert!(write_atomically(Path::new("/"), b"x").is_err());
    }
}
