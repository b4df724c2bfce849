//! The messages about saving, opening, importing and sharing designs that the banner shows
//! ([`Notice`]), and where an imported design came from ([`Source`]). Kept with the state,
//! which holds the notice on screen; `persist` and `transfer` produce them.

use vpc_engine::model::MAX_INPUT_BYTES;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: usize = MAX_INPUT_BYTES;
/// A link's design may unpack to at most this many bytes (a tampered link cannot inflate
/// to gigabytes: decompression stops here).
pub const MAX_LINK_BYTES: usize = MAX_INPUT_BYTES;

/// A message about saving, opening, importing or sharing designs, shown in the banner.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The design itself could not be saved (storage full or disabled).
    SaveFailed,
    /// A file, pasted text or link could not be read; `source` names it, `error` says why.
    Unreadable { source: Source, error: String },
    /// A file larger than [`MAX_FILE_BYTES`], refused before reading.
    FileTooLarge { name: String, bytes: f64 },
    /// Something that is not a design (a CloudFormation template, a lesson …).
    NotADesign { source: Source, what: String },
    /// A share link was cut short or altered (an unsealed link of an earlier version, or one
    /// that is not a link's shape at all).
    LinkDamaged,
    /// A sealed share link that does not match its seal: changed or cut short after it was made.
    LinkAltered,
    /// A share link made by a newer version of the playground.
    LinkFromNewerVersion { version: String },
    /// A share link longer than any real design's, refused before decoding.
    LinkTooLong { chars: usize },
    /// A share link whose design would unpack to more than the limit.
    LinkTooLarge,
    /// A design was opened as a new entry of "My designs".
    Opened { name: String, source: Source },
    /// The new design could not be stored (storage full); nothing was changed.
    NoRoomForNew { name: String },
}

impl Notice {
    pub fn is_error(&self) -> bool {
        !matches!(self, Notice::Opened { .. })
    }
}

/// Where a design came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    File(String),
    Pasted,
    Link,
}
