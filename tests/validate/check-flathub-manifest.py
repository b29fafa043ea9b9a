#!/usr/bin/python3
# check-flathub-manifest.py SRCDIR METAINFO
#
# What a Flathub reviewer checks by reading: the Flathub manifest builds a
# tagged commit (a git source with both "tag" and "commit", never a local
# directory), it builds the same modules on the same runtime as the local
# manifest, and the metainfo's screenshots are pinned to that tag, which is
# the newest release the metainfo lists.

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

APP_ID = 'io.github.kanri.Kanri'
failures = []


def fail(message):
    failures.append(message)


def load(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def module_names(manifest):
    names = []
    for module in manifest['modules']:
        names.append(module if isinstance(module, str) else module['name'])
    return names


def main():
    srcdir, metainfo = sys.argv[1], sys.argv[2]
    local_path = os.path.join(srcdir, 'flatpak', APP_ID + '.json')
    flathub_path = os.path.join(srcdir, 'flatpak', 'flathub', APP_ID + '.json')
    local, flathub = load(local_path), load(flathub_path)

    for key in ('runtime', 'runtime-version', 'sdk', 'command', 'finish-args'):
        if local.get(key) != flathub.get(key):
            fail(f'{key} differs: local {local.get(key)!r}, Flathub {flathub.get(key)!r}')

    local_names = [os.path.basename(n) for n in module_names(local)]
    flathub_names = [os.path.basename(n) for n in module_names(flathub)]
    if local_names != flathub_names:
        fail(f'modules differ: local {local_names}, Flathub {flathub_names}')

    # The bundled modules are files beside the Flathub manifest, so that the
    # flathub/ directory is the whole submission.
    for module in flathub['modules']:
        if isinstance(module, str) and ('/' in module or not os.path.exists(
                os.path.join(os.path.dirname(flathub_path), module))):
            fail(f'module file {module!r} is not beside the Flathub manifest')

    app = flathub['modules'][-1]
    if app.get('test-rule') != '':
        fail('the app module runs "ninja test", whose GUI suites need a display the SDK lacks')
    sources = app.get('sources', [])
    git = [s for s in sources if s.get('type') == 'git']
    if len(git) != 1 or any(s.get('type') == 'dir' for s in sources):
        fail('the app module must build from exactly one git source, not a directory')
        tag = commit = None
    else:
        tag, commit = git[0].get('tag'), git[0].get('commit')
        if not tag or not commit or not re.fullmatch(r'[0-9a-f]{40}', commit):
            fail(f'the git source needs a tag and a full commit, has tag {tag!r}, commit {commit!r}')
        if not git[0].get('url', '').startswith('https://'):
            fail('the git source is not fetched over https')
        # A clone with the tag can check that the pair agrees.
        if tag and commit:
            found = subprocess.run(['git', '-C', srcdir, 'rev-parse', '-q', '--verify',
                                    f'refs/tags/{tag}^{{commit}}'],
                                   capture_output=True, text=True)
            if found.returncode == 0 and found.stdout.strip() != commit:
                fail(f'tag {tag} is commit {found.stdout.strip()}, the manifest says {commit}')
            elif found.returncode != 0:
                print(f'# tag {tag} is not in this clone: its commit is not checked')

    root = ET.parse(metainfo).getroot()
    releases = root.findall('./releases/release')
    if not releases:
        fail('the metainfo lists no release')
    elif tag and tag != 'v' + releases[0].get('version'):
        fail(f'the Flathub manifest builds {tag}, the newest release is {releases[0].get("version")}')
    for image in root.iter('image'):
        url = image.text.strip()
        if tag and f'/{tag}/' not in url:
            fail(f'screenshot {url} is not pinned to {tag}')

    for message in failures:
        print('FAIL:', message)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
