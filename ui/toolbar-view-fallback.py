#!/usr/bin/env python3
# toolbar-view-fallback.py IN OUT
#
# Writes a template for libadwaita before 1.4, which has no AdwToolbarView:
# each AdwToolbarView becomes a vertical GtkBox holding its top bars, its
# content and its bottom bars, in that order, as the windows were laid out
# before. The template in the source tree is the current one; this one is
# only built (ui/meson.build).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys
import xml.etree.ElementTree as ET


def child(element):
    wrapper = ET.Element('child')
    wrapper.append(element)
    return wrapper


def convert(view):
    tops, content, bottoms = [], None, []
    for node in list(view):
        if node.tag == 'child' and node.get('type') == 'top':
            tops += list(node)
        elif node.tag == 'child' and node.get('type') == 'bottom':
            bottoms += list(node)
        elif node.tag == 'property' and node.get('name') == 'content':
            content = list(node)
        elif node.tag == 'property':
            # AdwToolbarView's own look (top-bar-style…) has no GtkBox
            # equivalent, and a 1.2 window did without it.
            continue
        else:
            raise SystemExit(f'unexpected <{node.tag}> in AdwToolbarView')
        view.remove(node)

    view.set('class', 'GtkBox')
    orientation = ET.SubElement(view, 'property', name='orientation')
    orientation.text = 'vertical'
    for element in tops + (content or []) + bottoms:
        view.append(child(element))


def main():
    source, output = sys.argv[1], sys.argv[2]
    tree = ET.parse(source)
    views = [o for o in tree.iter('object') if o.get('class') == 'AdwToolbarView']
    if not views:
        raise SystemExit(f'{source}: no AdwToolbarView')
    for view in views:
        convert(view)
    for requires in tree.getroot().iter('requires'):
        if requires.get('lib') == 'Adw':
            requires.set('version', '1.0')
    tree.write(output, encoding='UTF-8', xml_declaration=True)


if __name__ == '__main__':
    main()
