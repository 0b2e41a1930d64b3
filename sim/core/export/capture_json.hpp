// Every TLS connection of a capture as one JSON document, written as it is made: each connection's
// trace is built and serialised on its own (two at a time on two cores), then handed to the sink
// in stream order, so memory holds a bounded window of connections, never the whole document.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/capture/capture_import.hpp"

namespace hl {

/// Receives the document piece by piece, in order.
using JsonSink = std::function<void(std::string_view)>;

/// Writes {"capture": file, "connections": [trace JSON of each TLS connection...], "warnings": [...]},
/// byte-identical to the whole document built in memory and dumped with an indent of 2.
/// `threads` (workers beside the writing thread) 0 means one per core; results never depend on it.
void write_capture_json(const capture::CaptureImport& capture, const std::string& file, const JsonSink& sink,
                        std::size_t threads = 0);

}  // namespace hl
