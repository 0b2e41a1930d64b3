// The two entry points the command line uses: the interactive window and the screenshot.
// Both render the same App; they differ only in the window being shown or hidden.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/compare_overrides.hpp"
#include "core/edit/edit_spec.hpp"
#include "core/engine/scenario.hpp"

namespace hl::app {

/// A capture the window opens at once (`window --pcap FILE [--keylog FILE] [--stream N]`).
struct CaptureStart {
  std::string pcap;          // empty: none, the lesson's run is shown
  std::string keylog;        // empty: only the capture's own DSB
  std::size_t stream = 0;    // TCP connection from 1; 0: the first TLS one
};

/// Opens the window on a lesson's scenario (and `capture`, when given) and runs until it is closed.
/// Returns the exit status: 0, or 1 with a one-line reason on stderr (no display: it says to use xvfb-run).
int run_window(const Scenario& scenario, const std::string& lesson_id, const CaptureStart& capture = {});

struct ScreenshotOptions {
  Scenario scenario;
  std::string lesson_id = "https-443";
  std::size_t step = 1;                 // 1-based, as "step n of m" in the step bar
  std::string out_path;
  int width = 1600;
  int height = 1000;
  std::string theme = "light";
  std::optional<float> font_size;       // pixels; the default size when unset
  bool presenter = false;
  std::optional<std::size_t> select_byte;  // select the field under this byte of the step's wire bytes
  std::string view;                         // a view title to bring to the front of its tabs
  int hex_mode = -1;                        // 0 wire, 1 decrypted, 2 side by side; -1 the default
  CaptureStart capture;                     // a capture to show in place of the lesson's run (--pcap)
  ScenarioOverrides compare;                // non-empty: the compare view, this run beside one with these changed;
                                            // step then counts its rows
  std::optional<edit::EditSpec> edit;       // what if: send this edited record; the compare view opens on the fork
  bool edit_by_client = false;             // what if: the client sends `edit` itself (its ClientHello), not Mallory
};

/// Exit statuses of take_screenshot, as the CLI's (DESIGN.md §3).
enum ScreenshotStatus : int { kScreenshotOk = 0, kScreenshotFailed = 1, kScreenshotUsage = 2 };

/// The title of every view --view may bring to the front, in window order (needs no display).
std::vector<std::string> view_titles();

/// The title of the view `name` means, matched without case, spaces or dashes ("keyschedule",
/// "key-schedule" and "Key schedule" all name "Key schedule"); empty when no view matches.
std::string view_title_for(const std::string& name);

/// Renders the real window hidden at one step and writes a PNG. Returns 0, 1 (no display,
/// cannot write) or 2 (the step is past the end, no field lies under --select-byte, or a
/// --compare setting is refused: checked on headless runs before any window opens); prints one
/// line on stderr on failure.
int take_screenshot(const ScreenshotOptions& options);

}  // namespace hl::app
