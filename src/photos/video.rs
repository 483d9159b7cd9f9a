//! A phone's video in a release's folder. warta publishes a video as it is (it makes no web
//! sizes of one), and a phone writes into every video the place it was taken: published, the
//! file would tell anyone where, as the GPS position of a photo did before photos were
//! processed. This reads whether a video holds such a place, from the boxes of its container
//! (MP4, MOV and 3GP are all ISO base media files), without reading the film itself.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// A file extension of the videos phones record.
pub fn is_video_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".mp4", ".mov", ".m4v", ".3gp"].iter().any(|e| lower.ends_with(e))
}

/// The most of a `moov` box read: its tables of samples grow with the film's length (a few MB
/// for an hour); the place is in its first boxes.
const MAX_MOOV: u64 = 64 << 20;

/// Whether the video `file` holds the place it was taken: a `©xyz` box (Android's cameras, and
/// QuickTime's user data) or the key `com.apple.quicktime.location.ISO6709` (an iPhone's), in
/// its `moov` box. A file that is not such a container, or is cut short, holds none as far as
/// this can tell.
pub fn video_has_location(file: &Path) -> io::Result<bool> {
    let mut f = File::open(file)?;
    let len = f.metadata()?.len();
    let mut at = 0u64;
    // The top-level boxes: `ftyp`, `mdat` (the film, gigabytes), `moov`, in either order.
    while at.saturating_add(8) <= len {
        f.seek(SeekFrom::Start(at))?;
        let mut head = [0u8; 16];
        let got = read_up_to(&mut f, &mut head)?;
        if got < 8 {
            return Ok(false);
        }
        let size = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        let (size, header) = match size {
            0 => (len - at, 8),
            1 if got == 16 => (u64::from_be_bytes(head[8..16].try_into().unwrap_or([0; 8])), 16),
            1 => return Ok(false),
            n => (u64::from(n), 8),
        };
        if size < header {
            return Ok(false);
        }
        if &head[4..8] == b"moov" {
            f.seek(SeekFrom::Start(at + header))?;
            let mut moov = Vec::new();
            f.take((size - header).min(MAX_MOOV)).read_to_end(&mut moov)?;
            return Ok(holds_place(&moov));
        }
        at = at.saturating_add(size);
    }
    Ok(false)
}

/// Whether the bytes of a `moov` box hold a place.
fn holds_place(moov: &[u8]) -> bool {
    const MARKS: [&[u8]; 2] = [b"\xa9xyz", b"location.ISO6709"];
    MARKS.iter().any(|mark| moov.windows(mark.len()).any(|w| w == *mark))
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match f.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ISO base media box.
    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = u32::try_from(body.len() + 8).expect("small").to_be_bytes().to_vec();
        b.extend(kind);
        b.extend(body);
        b
    }

    fn video(boxes: &[Vec<u8>]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
        std::io::Write::write_all(&mut f, &boxes.concat()).expect("written");
        f
    }

    #[test]
    fn a_phones_place_is_found_after_the_film_or_before_it() {
        let ftyp = boxed(b"ftyp", b"isom\0\0\0\0isommp41");
        let mdat = boxed(b"mdat", &[0x5a; 5000]);
        let xyz = boxed(b"udta", &boxed(b"\xa9xyz", b"\0\x11\x15\xc7-08.6705+115.2126/"));
        let android = boxed(b"moov", &[boxed(b"mvhd", &[0; 100]), xyz].concat());
        let apple = boxed(b"moov", &boxed(b"meta", b"mdta com.apple.quicktime.location.ISO6709"));
        let plain = boxed(b"moov", &boxed(b"mvhd", &[0; 100]));
        for (boxes, located) in [
            (vec![ftyp.clone(), mdat.clone(), android.clone()], true),
            (vec![ftyp.clone(), android, mdat.clone()], true),
            (vec![ftyp.clone(), mdat.clone(), apple], true),
            (vec![ftyp.clone(), mdat.clone(), plain], false),
            // The place inside the film, not in `moov`: film data, not a place.
            (vec![ftyp.clone(), boxed(b"mdat", b"\xa9xyz"), boxed(b"moov", &[])], false),
        ] {
            let f = video(&boxes);
            assert_eq!(video_has_location(f.path()).expect("read"), located);
        }
    }

    #[test]
    fn what_is_not_a_video_or_is_cut_short_holds_no_place() {
        let long = boxed(b"moov", &boxed(b"\xa9xyz", b"+1+1/"));
        for bytes in [
            b"".to_vec(),
            b"plain text, not a video".to_vec(),
            long[..long.len() - 3].to_vec(),
            [0, 0, 0, 1].iter().chain(b"mdat").copied().collect(),
            [0, 0, 0, 4].iter().chain(b"free").copied().collect(),
        ] {
            let f = video(&[bytes]);
            // No panic, no endless loop; a box cut short may still show its place.
            video_has_location(f.path()).expect("read");
        }
        let f = video(&[[0, 0, 0, 4].iter().chain(b"moov").copied().collect()]);
        assert!(!video_has_location(f.path()).expect("read"));
    }
}
