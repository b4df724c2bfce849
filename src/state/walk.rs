//! The packet walk-through's place on a verdict's path ([`Walk`]) and how it moves: view
//! state, never saved, never undone. The panel that steps it is `insight::walk`.

/// Where a walk-through stands. Lives in the view state: never saved, never undone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Walk {
    /// The current hop, an index into the verdict's path.
    pub step: usize,
    pub playing: bool,
}

/// A request to move the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Next,
    Prev,
    First,
    Last,
    TogglePlay,
    /// The play timer fired.
    Tick,
}

/// The walk after `m` on a path of `len` hops. Stepping by hand pauses; playing stops on
/// the last hop; playing from the last hop starts over.
pub fn step(w: Walk, m: Move, len: usize) -> Walk {
    let last = len.saturating_sub(1);
    let at = w.step.min(last);
    match m {
        Move::Next => Walk {
            step: (at + 1).min(last),
            playing: false,
        },
        Move::Prev => Walk {
            step: at.saturating_sub(1),
            playing: false,
        },
        Move::First => Walk::default(),
        Move::Last => Walk {
            step: last,
            playing: false,
        },
        Move::TogglePlay if !w.playing && at == last => Walk { step: 0, playing: true },
        Move::TogglePlay => Walk {
            step: at,
            playing: !w.playing,
        },
        Move::Tick if w.playing && at < last => Walk {
            step: at + 1,
            playing: at + 1 < last,
        },
        Move::Tick => Walk {
            step: at,
            playing: false,
        },
    }
}
