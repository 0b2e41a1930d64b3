// libFuzzer target for capture import: the pcap/pcapng reader, the DSB walker, the link and
// IP/TCP header readers, TCP reassembly and the connection -> transcript step (units, record
// marking, message naming; no decryption). The first input byte picks the path:
//   even: the rest is a capture file (libpcap's framing, then everything after it)
//   odd:  the rest is frames framed as [link selector][u16 length][frame], fed straight to the
//         header readers and the reassembler, so mutations reach reassembly without breaking a file header
// Small reassembly caps make the caps themselves reachable. "No crash, no hang, no leak, no UB".
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/capture/capture_import.hpp"
#include "core/capture/capture_transcript.hpp"
#include "core/capture/tcp_reassembly.hpp"
#include "core/wire/cursor.hpp"

namespace {

using namespace hl::capture;

constexpr int kLinkTypes[] = {1, 0, 108, 113, 276, 101, 228, 229};
constexpr std::size_t kMaxTranscripts = 4;

ReassemblyLimits small_limits() {
  ReassemblyLimits limits;
  limits.max_connections = 16;
  limits.max_bytes_per_direction = 64 * 1024;
  limits.max_total_bytes = 256 * 1024;
  limits.max_pending_segments = 32;
  return limits;
}

void transcripts(const std::vector<TcpConnection>& connections, const KeyLogIndex& keys) {
  for (std::size_t i = 0; i < connections.size() && i < kMaxTranscripts; ++i)
    (void)connection_transcript(connections[i], keys, {"fuzz", i + 1});
}

void fuzz_frames(std::span<const std::uint8_t> bytes) {
  TcpReassembler reassembler(small_limits());
  hl::wire::Cursor in(bytes);
  std::uint64_t packet = 0;
  std::uint8_t selector = 0;
  hl::wire::Cursor frame;
  while (in.u8(selector) && in.prefixed(2, frame)) {
    FrameSkip why = FrameSkip::malformed;
    const auto segment = tcp_segment(kLinkTypes[selector % std::size(kLinkTypes)], frame.rest(), why);
    if (!segment) {
      reassembler.skipped(why);
      continue;
    }
    if (!reassembler.add(*segment, ++packet)) break;
  }
  const Reassembly reassembly = reassembler.finish();
  transcripts(reassembly.connections, KeyLogIndex{});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::span<const std::uint8_t> rest(data + 1, size - 1);
  if (data[0] & 1) {
    fuzz_frames(rest);
    return 0;
  }
  // Transcripts without the key log: decryption is the record code's (issue 7) and costs a key
  // schedule per connection; without it libFuzzer runs this path many times faster.
  const CaptureImport capture = import_capture(rest, small_limits());
  transcripts(capture.connections, KeyLogIndex{});
  return 0;
}
