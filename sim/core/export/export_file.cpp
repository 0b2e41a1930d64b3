#include "core/export/export_file.hpp"

#include <fstream>
#include <stdexcept>

#include "core/export/capture_file.hpp"

namespace hl {
namespace {

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct Ending {
  std::string_view suffix;
  ExportKind kind;
};
constexpr Ending kEndings[] = {{".pcapng", ExportKind::pcapng}, {".pcap", ExportKind::pcap}, {".html", ExportKind::handout}};

}  // namespace

std::optional<ExportKind> export_kind_for(const std::string& path) {
  for (const Ending& ending : kEndings)
    if (ends_with(path, ending.suffix)) return ending.kind;
  return std::nullopt;
}

std::string keylog_path_beside(const std::string& capture_path) {
  const std::string stem = ends_with(capture_path, ".pcap") ? capture_path.substr(0, capture_path.size() - 5) : capture_path;
  return stem + ".keylog";
}

bool write_whole_file(const std::string& path, std::string_view bytes, std::string& out_error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return out_error = "cannot write " + path, false;
  return true;
}

bool write_capture_export(const Transcript& transcript, const Scenario& scenario, const std::string& lesson_id,
                          const std::string& out_path, const std::string& keylog_path, std::string& out_error) {
  const auto kind = export_kind_for(out_path);
  if (kind != ExportKind::pcapng && kind != ExportKind::pcap)
    return out_error = "the capture file must end in .pcapng or .pcap, got '" + out_path + "'", false;
  if (kind == ExportKind::pcap && keylog_path.empty())
    return out_error = "a .pcap file holds no key log: give a key log file beside it (or write .pcapng)", false;
  Bytes capture;
  try {
    capture = capture_file(transcript, scenario, lesson_id, kind == ExportKind::pcapng ? CaptureFormat::pcapng : CaptureFormat::pcap);
  } catch (const std::runtime_error& e) {  // libpcap could not open its writer
    return out_error = e.what(), false;
  }
  const std::string_view bytes(reinterpret_cast<const char*>(capture.data()), capture.size());
  if (!write_whole_file(out_path, bytes, out_error)) return false;
  return keylog_path.empty() || write_whole_file(keylog_path, keylog_text(transcript.keylog), out_error);
}

}  // namespace hl
