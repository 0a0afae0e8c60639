#include "app/cli.h"

int main(int argc, char** argv) { return yz::RunCli(argc, argv); }
