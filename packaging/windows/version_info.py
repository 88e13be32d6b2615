"""The Windows version resource of Tradewind.exe (Explorer → Properties → Details).

`version_file_text(version)` returns the text of a PyInstaller version file (a Python
expression PyInstaller evaluates on Windows); tradewind.spec writes it to
build/version_info.txt. Pure.
"""

from __future__ import annotations

TEMPLATE = """# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={tuple},
    prodvers={tuple},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [StringStruct('CompanyName', 'Tradewind'),
         StringStruct('FileDescription', 'Tradewind mail client'),
         StringStruct('FileVersion', '{version}'),
         StringStruct('InternalName', 'Tradewind'),
         StringStruct('LegalCopyright', 'Tradewind'),
         StringStruct('OriginalFilename', 'Tradewind.exe'),
         StringStruct('ProductName', 'Tradewind'),
         StringStruct('ProductVersion', '{version}')])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """`0.1.0` → (0, 1, 0, 0); a suffix such as `rc1` or `.dev3` is dropped."""
    numbers: list[int] = []
    for piece in version.split(".")[:4]:
        digits = ""
        for char in piece:
            if not char.isdigit():
                break
            digits += char
        numbers.append(int(digits or 0))
        if digits != piece:
            break
    while len(numbers) < 4:
        numbers.append(0)
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_file_text(version: str) -> str:
    return TEMPLATE.replace("{tuple}", repr(version_tuple(version))).replace("{version}", version)
