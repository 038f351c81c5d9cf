"""Datasets used in the lecture (MNIST loader in :mod:`dataset.mnist`).

강의에서 사용하는 데이터셋 패키지입니다. 교재와 같이
``from dataset.mnist import load_mnist`` 로 MNIST 를 불러옵니다.

The submodule is deliberately not imported here, so that
``python -m dataset.mnist`` runs cleanly and ``import dataset`` stays cheap.
"""
