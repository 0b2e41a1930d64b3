// A run as a capture file, the way `export` writes it and the window's File menu would:
// synthetic TCP (seeded runs: ports, sequence numbers and timestamps from the seed and the
// scenario clock, so the file is byte-identical per seed) in pcapng or classic pcap.
#pragma once

#include <string>

#include "core/engine/scenario.hpp"
#include "core/export/pcapng_writer.hpp"

namespace hl {

/// pcapng carries the key log in a DSB; classic pcap needs the key log beside it (keylog_text()).
enum class CaptureFormat : std::uint8_t { pcapng, pcap };

/// The capture of `transcript`, the run of `scenario` for lesson `lesson_id` (named in the pcapng comment).
Bytes capture_file(const Transcript& transcript, const Scenario& scenario, const std::string& lesson_id,
                   CaptureFormat format);

}  // namespace hl
