// Sous Windows, la fenêtre s'ouvre sans console noire derrière elle ; une commande lancée
// depuis une invite reprend la console de celle-ci pour y écrire.
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    if std::env::args_os().len() > 1 {
        use windows_sys::Win32::System::Console::{AttachConsole, ATTACH_PARENT_PROCESS};
        // SAFETY: appel Win32 sans pointeur ; sans console parente, il échoue sans effet.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
    binome::cli::principal()
}
