// Reads an MP4 (ISO base media file) far enough to say whether a player can open it: the file type
// box, the movie box with its tracks (handler, codec, frame size, duration, sample count) and the
// media data box. Nothing here decodes video.

export interface Mp4Track {
	handler: string;
	codec: string;
	width: number;
	height: number;
	durationSeconds: number;
	samples: number;
}

export interface Mp4Facts {
	/** The top-level boxes in file order, e.g. ['ftyp', 'moov', 'mdat']. */
	topLevel: string[];
	majorBrand: string;
	tracks: Mp4Track[];
	mdatBytes: number;
}

interface Box {
	type: string;
	/** The box's content, after its header. */
	body: Buffer;
}

function boxesIn(bytes: Buffer): Box[] {
	const boxes: Box[] = [];
	for (let offset = 0; offset + 8 <= bytes.length; ) {
		let size = bytes.readUInt32BE(offset);
		const type = bytes.toString('latin1', offset + 4, offset + 8);
		let header = 8;
		if (size === 1) {
			size = Number(bytes.readBigUInt64BE(offset + 8));
			header = 16;
		} else if (size === 0) {
			size = bytes.length - offset;
		}
		if (size < header || offset + size > bytes.length) throw new Error(`MP4 box "${type}" at byte ${offset} claims ${size} bytes; the file has ${bytes.length - offset} left`);
		boxes.push({ type, body: bytes.subarray(offset + header, offset + size) });
		offset += size;
	}
	return boxes;
}

function child(box: Box | undefined, type: string): Box | undefined {
	return box ? boxesIn(box.body).find((candidate) => candidate.type === type) : undefined;
}

function readTrack(trak: Box): Mp4Track {
	const mdia = child(trak, 'mdia');
	const mdhd = child(mdia, 'mdhd')?.body;
	const hdlr = child(mdia, 'hdlr')?.body;
	const stbl = child(child(mdia, 'minf'), 'stbl');
	const stsd = child(stbl, 'stsd')?.body;
	const stsz = child(stbl, 'stsz')?.body;
	if (!mdhd || !hdlr || !stsd || !stsz) throw new Error('MP4 track without mdhd, hdlr, stsd or stsz');
	const version1 = mdhd[0] === 1;
	const timescale = mdhd.readUInt32BE(version1 ? 20 : 12);
	const duration = version1 ? Number(mdhd.readBigUInt64BE(24)) : mdhd.readUInt32BE(16);
	// stsd: version/flags, entry count, then the first sample entry (size, codec, 6 reserved bytes,
	// data reference index, 16 bytes of visual-entry fields, then width and height).
	const entry = stsd.subarray(8);
	const codec = entry.toString('latin1', 4, 8);
	const handler = hdlr.toString('latin1', 8, 12);
	const visual = handler === 'vide' && entry.length >= 36;
	return {
		handler,
		codec,
		width: visual ? entry.readUInt16BE(32) : 0,
		height: visual ? entry.readUInt16BE(34) : 0,
		durationSeconds: timescale > 0 ? duration / timescale : 0,
		samples: stsz.readUInt32BE(8),
	};
}

/** Throws when the bytes are not a well-formed MP4 box structure. */
export function readMp4(bytes: Buffer): Mp4Facts {
	const top = boxesIn(bytes);
	const ftyp = top.find((box) => box.type === 'ftyp');
	const moov = top.find((box) => box.type === 'moov');
	return {
		topLevel: top.map((box) => box.type),
		majorBrand: ftyp ? ftyp.body.toString('latin1', 0, 4) : '',
		tracks: moov ? boxesIn(moov.body).filter((box) => box.type === 'trak').map(readTrack) : [],
		mdatBytes: top.filter((box) => box.type === 'mdat').reduce((sum, box) => sum + box.body.length, 0),
	};
}
