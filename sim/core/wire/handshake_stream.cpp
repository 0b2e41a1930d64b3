// Handshake reassembly and the clipping of one message's tree into the records that carry it.
#include "core/wire/handshake_stream.hpp"

#include <algorithm>

namespace hl::wire {
namespace {

struct Window {
  std::size_t lo, hi;        // stream range this record carries
  std::size_t message_end;   // zero-length fields at the very end belong to the last window
  std::size_t abs_offset;    // where lo sits in the record's buffer
};

bool in_window(const Field& field, const Window& w) {
  std::size_t end = field.offset + field.length;
  if (field.length == 0) {
    bool at_message_end = field.offset == w.hi && w.hi == w.message_end;
    return field.offset >= w.lo && (field.offset < w.hi || at_message_end);
  }
  return field.offset < w.hi && end > w.lo;
}

// Copies the part of field inside the window, offsets moved into the record's buffer.
Field clip(const Field& field, const Window& w) {
  Field part;
  part.name = field.name;
  part.value = field.value;
  part.explain = field.explain;
  part.malformed = field.malformed;
  part.error = field.error;
  std::size_t lo = std::max(field.offset, w.lo);
  std::size_t hi = std::min(field.offset + field.length, w.hi);
  if (hi < lo) hi = lo;
  part.offset = lo - w.lo + w.abs_offset;
  part.length = hi - lo;
  bool partial = part.length != field.length;
  if (partial && field.children.empty()) part.value += " (continues in another record)";
  for (const auto& child : field.children) {
    if (in_window(child, w)) part.children.push_back(clip(child, w));
  }
  return part;
}

// Moves every offset in a tree by the same amount (a message carried whole by one record).
void shift(Field& field, std::size_t from, std::size_t to) {
  field.offset = field.offset - from + to;
  for (auto& child : field.children) shift(child, from, to);
}

std::uint32_t read_u24(const Bytes& bytes, std::size_t at) {
  return (std::uint32_t{bytes[at]} << 16) | (std::uint32_t{bytes[at + 1]} << 8) | bytes[at + 2];
}

}  // namespace

void HandshakeStream::append(std::span<const std::uint8_t> bytes, std::size_t abs_offset, Target target,
                             DecodeContext& ctx) {
  if (bytes.empty()) return;
  segments_.push_back({buffer_.size(), bytes.size(), abs_offset, std::move(target)});
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  while (buffer_.size() - consumed_ >= 4) {
    std::size_t end = consumed_ + 4 + read_u24(buffer_, consumed_ + 1);
    if (end > buffer_.size()) return;  // wait for the next record of this direction
    decode_message(consumed_, end, ctx);
    consumed_ = end;
  }
}

void HandshakeStream::finish(DecodeContext& ctx) {
  if (consumed_ < buffer_.size()) decode_message(consumed_, buffer_.size(), ctx);
  consumed_ = buffer_.size();
}

void HandshakeStream::decode_message(std::size_t start, std::size_t end, DecodeContext& ctx) {
  Cursor c(std::span<const std::uint8_t>(buffer_).subspan(start, end - start), start);
  FieldList message;
  decode_handshake_message(c, message, ctx);
  if (message.empty()) return;
  if (sink_) sink_(std::span<const std::uint8_t>(buffer_).subspan(start, end - start), start, message.front());
  std::vector<const Segment*> carriers;
  for (const auto& segment : segments_) {
    if (segment.stream_start < end && segment.stream_start + segment.len > start) carriers.push_back(&segment);
  }
  if (carriers.size() == 1) {  // the common case: no clipping, just move the tree into place
    const Segment& segment = *carriers.front();
    shift(message.front(), segment.stream_start, segment.abs_offset);
    segment.target().push_back(std::move(message.front()));
    return;
  }
  std::size_t message_len = end - start;
  for (std::size_t i = 0; i < carriers.size(); ++i) {
    const Segment& segment = *carriers[i];
    Window window{std::max(start, segment.stream_start), std::min(end, segment.stream_start + segment.len), end,
                  segment.abs_offset};
    window.abs_offset += window.lo - segment.stream_start;
    Field part = clip(message.front(), window);
    if (carriers.size() > 1) {
      part.value = "fragment " + std::to_string(i + 1) + " of " + std::to_string(carriers.size()) + ": bytes " +
                   std::to_string(window.lo - start) + ".." + std::to_string(window.hi - start) + " of " +
                   std::to_string(message_len);
    }
    segment.target().push_back(std::move(part));
  }
}

}  // namespace hl::wire
