fn main() -> std::process::ExitCode {
    netflow_manager::main()
}
