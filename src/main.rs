fn main() -> std::process::ExitCode {
    binome::cli::principal()
}
