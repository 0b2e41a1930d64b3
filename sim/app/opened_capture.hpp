// A capture file opened in the window: read once (core/capture), its TLS connections listed,
// and one connection at a time turned into a run for the views, as `trace --pcap` does for
// one stream. Only the connection shown is decoded and decrypted, so a capture of a thousand
// connections shows its first as soon as the file is read. No ImGui here.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "app/run_data.hpp"
#include "core/capture/capture_import.hpp"

namespace hl::app {

/// What the window keeps of an opened capture.
struct OpenedCapture {
  std::string path;                                           // as opened
  std::vector<std::string> keylog_paths;                      // key logs added to the file's own DSB, in order
  std::shared_ptr<const capture::CaptureImport> import;       // the connections (never changed once read)
  capture::KeyLogIndex keys;                                  // the DSB's lines plus every key log added
  std::vector<std::size_t> tls;                               // indexes into import->connections that carry TLS
  std::size_t shown = 0;                                      // the position in `tls` on screen
};

/// Reads `path` and, unless empty, the key log `keylog`. `stream` (from 1, as `--stream`) picks the
/// TCP connection shown first; 0 picks the first TLS one. False, with one sentence in out_error,
/// when a file cannot be read, is not a capture, holds no TLS connection or has no such stream.
[[nodiscard]] bool open_capture_file(const std::string& path, const std::string& keylog, std::size_t stream,
                                OpenedCapture& out, std::string& out_error);

/// Adds the key log at `path` and keeps the connection shown. False, with out_error, when it
/// cannot be read or holds no key log line.
[[nodiscard]] bool add_capture_keylog(OpenedCapture& capture, const std::string& path, std::string& out_error);

/// The run of the connection at `position` in capture.tls (built now: transcript, decryption,
/// decoding, display), with a fresh serial and origin "FILE, decrypted" (or that it has no key log).
std::shared_ptr<const RunData> capture_run(const OpenedCapture& capture, std::size_t position);

/// "connection 2 of 5: 10.0.0.1:50000 -> 10.0.0.2:443 (stream 3)": how the window names one.
std::string capture_connection_label(const OpenedCapture& capture, std::size_t position);

/// True when the file starts like a pcap or pcapng file (either byte order, micro- or nanoseconds).
bool looks_like_capture(const std::string& path);

}  // namespace hl::app
