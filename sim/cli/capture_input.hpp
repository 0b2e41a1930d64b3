// `--pcap FILE [--keylog FILE]`, shared by `trace` and `decode`: loads the capture and its key
// log, with the command line's exit rules (a missing file is a usage error, a file that is no
// capture a failure).
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

#include "core/capture/capture_import.hpp"

namespace hl::cli {

/// Adds `--pcap FILE`, `--keylog FILE` and `--stream N` (from 1) to cmd, as `trace` and `window`
/// take them; pcap_help says what --pcap does in that command.
void add_capture_flags(CLI::App& cmd, std::string& pcap, std::string& keylog, std::size_t& stream, const std::string& pcap_help);

/// Throws UsageError for a `pcap` path that names no regular file (as load_capture() does).
void check_capture_path(const std::string& pcap);

/// Reads `pcap` and adds `keylog` ("" for none) to its DSB key log. Throws UsageError for a path
/// that does not name a readable file, std::runtime_error for a file that is not a capture.
capture::CaptureImport load_capture(const std::string& pcap, const std::string& keylog);

/// "10.0.0.1:50000 -> 10.0.0.2:443": the connection at `index` (from 0), client first.
std::string connection_endpoints(const capture::CaptureImport& capture, std::size_t index);

/// "stream 2 (10.0.0.1:50000 -> 10.0.0.2:443)": how stderr and headings name a connection.
std::string stream_label(const capture::CaptureImport& capture, std::size_t index);

}  // namespace hl::cli
