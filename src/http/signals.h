// Waiting for SIGTERM / SIGINT without installing signal handlers: the composition root (main)
// blocks the signals in every thread and one thread waits for them synchronously.
//
//   int main() {
//     BlockTerminationSignals();           // first, before any thread exists
//     HttpServer server(config, router.AsHandler());
//     if (auto started = server.Start(); !started) return 1;
//     WaitForTerminationSignal();          // returns on SIGTERM or SIGINT
//     server.Stop(std::chrono::seconds(10));
//   }
//
// Plain POSIX (pthread_sigmask + sigwait): no Asio, so this file costs nothing to compile.
#pragma once

namespace yz {

// Blocks SIGTERM and SIGINT in the calling thread; threads created afterwards inherit the mask,
// so the signals stay pending until WaitForTerminationSignal takes them.
// REQUIRES: called before any other thread is started (a thread that does not block them would
// receive the signal and the process would end with the default action).
void BlockTerminationSignals();

// Blocks the calling thread until SIGTERM or SIGINT arrives; returns the signal number.
// REQUIRES: BlockTerminationSignals() was called.
int WaitForTerminationSignal();

}  // namespace yz
