// Reassembles one direction's handshake messages across records (RFC 8446 §5.1: a message
// may span records, a record may hold several messages). Each message is decoded once,
// whole, then its field tree is clipped into every record that carries part of it, with
// offsets into that record's bytes, so every record shows exactly its own bytes.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "core/model/transcript.hpp"
#include "core/wire/decoders.hpp"

namespace hl::wire {

/// One direction's handshake byte stream, decoded message by message as records arrive.
class HandshakeStream {
 public:
  /// Where a record's share of the stream goes: the children list of its container field.
  using Target = std::function<FieldList&()>;
  /// Told of every whole message before it is clipped into records: its bytes and its tree,
  /// whose offsets count from message.data() (stream offset base).
  using MessageSink = std::function<void(std::span<const std::uint8_t> message, std::size_t base, const Field& tree)>;

  /// Sets who is told of each whole message (none by default).
  void set_sink(MessageSink sink) { sink_ = std::move(sink); }

  /// Adds one record's handshake bytes (first byte at abs_offset in that record's buffer) and
  /// decodes every message that is now complete.
  void append(std::span<const std::uint8_t> bytes, std::size_t abs_offset, Target target, DecodeContext& ctx);

  /// Decodes a message left incomplete at the end (it shows as truncated).
  void finish(DecodeContext& ctx);

 private:
  struct Segment {
    std::size_t stream_start;
    std::size_t len;
    std::size_t abs_offset;
    Target target;
  };
  void decode_message(std::size_t start, std::size_t end, DecodeContext& ctx);

  Bytes buffer_;
  std::vector<Segment> segments_;
  std::size_t consumed_ = 0;  // stream offset of the first byte not yet decoded
  MessageSink sink_;
};

}  // namespace hl::wire
