// The record layer (RFC 8446 §5, RFC 5246 §6.2): headers, protected-record layouts, and the
// content of a record by its type. Shared by decode_records() and decode_transcript().
#pragma once

#include <optional>

#include "core/wire/handshake_stream.hpp"

namespace hl::wire {

/// The three header fields every record starts with.
struct RecordHeader {
  std::uint8_t type = 0;
  std::uint16_t version = 0;
  std::uint16_t length = 0;
};

/// Maximum TLSCiphertext.length (RFC 5246 §6.2.3: 2^14 + 2048).
constexpr std::size_t kMaxRecordLength = (1u << 14) + 2048;

/// Decodes the 5-byte header; `opaque` names the type opaque_type (TLS 1.3 protected records).
/// On short input adds a malformed field over the rest and returns false.
bool decode_record_header(Cursor& c, FieldList& out, bool opaque, RecordHeader& out_header);

/// Takes the fragment the header announces as a sub-cursor, clipping (and marking the length
/// field, the last in out, malformed) when fewer bytes are there.
Cursor take_fragment(Cursor& c, FieldList& out, const RecordHeader& header);

/// Lays out a TLS 1.3 protected fragment: encrypted_record, then the 16-byte tag.
void decode_tls13_ciphertext(Cursor& fragment, FieldList& out);

/// Lays out a TLS 1.2 protected fragment by the negotiated suite: explicit nonce or IV,
/// ciphertext, tag or MAC.
void decode_tls12_ciphertext(Cursor& fragment, FieldList& out, const DecodeContext& ctx);

/// Decodes plaintext content of one type into a new container node named `name` appended to
/// out[index] (at out.size() before the call). Handshake bytes go to the stream, which fills the
/// container through `target` as messages complete.
void decode_content(std::uint8_t type, Cursor& content, FieldList& out, const char* name, DecodeContext& ctx,
                    HandshakeStream& stream, HandshakeStream::Target target);

/// Decodes a TLSInnerPlaintext (content, inner type, zero padding) into out; the content node is
/// appended first, at index out.size() before the call.
void decode_inner_plaintext(Cursor& c, FieldList& out, DecodeContext& ctx, HandshakeStream& stream,
                            HandshakeStream::Target target);

}  // namespace hl::wire
